//! The failures administrators meet when a backup server connects to
//! Microsoft 365, each with what it means and what to do: one entry per
//! row of the failures reference (`entra-and-vb365-failures.md`), split
//! where one row holds codes that want different words. `explain.rs`
//! finds them in a server's message.

use crate::refusals::Remedy;

/// How an entry is recognised in a server's message.
pub(crate) enum Sign {
    /// Microsoft's `AADSTS` codes; with `reasons`, only when one of those
    /// words (lower case) is also in the text (AADSTS700027's `[Reason -
    /// …]` tells an expired key from an unregistered one).
    Code {
        codes: &'static [u64],
        reasons: &'static [&'static str],
    },
    /// Failures Microsoft gives no code for: every group must have one of
    /// its phrases (lower case, whole words) in the text.
    Words(&'static [&'static [&'static str]]),
    /// The server's own `errorCode`, when nothing in the message was known.
    ErrorCode(&'static str),
}

/// One failure, explained.
pub(crate) struct Entry {
    pub sign: Sign,
    /// The failure as a connection's state, in a few words ("Consent
    /// missing"): a row of "Check connections" says it.
    pub label: &'static str,
    pub meaning: &'static str,
    pub actions: &'static [&'static str],
    pub remedy: Option<Remedy>,
}

const CERTIFICATES_AND_SECRETS: &str = "In the Microsoft Entra admin center, open App registrations, then the application with this Application ID, then Certificates & secrets, and upload the .cer there (Microsoft keeps several certificates on one application, so the old one can stay until backups run).";

const GRANT_CONSENT: &str = "In the Microsoft Entra admin center, open App registrations, then the application, then API permissions: add the Application permissions Veeam Backup for Microsoft 365 lists, then choose \u{201c}Grant admin consent for\u{201d} your organization.";

const CONSENT_DELAY: &str = "A grant can take 15 to 60 minutes to take effect: if it still fails right after, try again later.";

/// In the order entries are tried: within a code, entries with reasons
/// before the one without.
pub(crate) static CATALOGUE: &[Entry] = &[
    // Row 1.
    Entry {
        sign: Sign::Code {
            codes: &[700_027],
            reasons: &["key used is expired", "key is expired", "has expired"],
        },
        label: "Certificate expired",
        meaning: "The certificate the backup server signs in with has expired in Microsoft Entra ID. Microsoft refuses it, and every backup of this organization fails until it is replaced.",
        actions: &[
            "Make a new certificate and keep its .pfx and password.",
            CERTIFICATES_AND_SECRETS,
            "Then give the backup server the new .pfx: for an organization already on the server, with Edit organization (the link beside this page's title); or let the server register it (the grant box and a sign-in with a code).",
        ],
        remedy: Some(Remedy::NewCertificate),
    },
    // Row 2.
    Entry {
        sign: Sign::Code {
            codes: &[700_027],
            reasons: &[
                "key was not found",
                "is not registered on application",
                "not registered",
                "key not found",
            ],
        },
        label: "Certificate not registered in Entra ID",
        meaning: "The certificate given to the backup server is not uploaded to this application in Microsoft Entra ID: it belongs to another application or another tenant, or its .cer was never uploaded.",
        actions: &[
            "Upload the .cer of exactly this certificate to the application with this Application ID: in the Microsoft Entra admin center, App registrations, the application, Certificates & secrets.",
            "Compare the thumbprint Microsoft names with the thumbprint on the certificate card: they must be the same certificate.",
        ],
        remedy: Some(Remedy::GrantPermissions),
    },
    // Row 3.
    Entry {
        sign: Sign::Code {
            codes: &[700_027],
            reasons: &["key size", "minimum required", "less than the minimum"],
        },
        label: "Certificate key too short",
        meaning: "The certificate's key is too short: Microsoft takes RSA keys of 2048 bits or more.",
        actions: &[
            "Use a certificate with an RSA key of 2048 bits or more, and upload its .cer to the application.",
        ],
        remedy: Some(Remedy::NewCertificate),
    },
    // Rows 1 to 3 when Microsoft gave no reason the wizard knows.
    Entry {
        sign: Sign::Code {
            codes: &[700_027],
            reasons: &[],
        },
        label: "Certificate not accepted",
        meaning: "Microsoft could not check the backup server's signature against any certificate of this application: the certificate is not uploaded there, or it has expired.",
        actions: &[
            CERTIFICATES_AND_SECRETS,
            "Check the expiry date of the certificates listed there.",
        ],
        remedy: Some(Remedy::NewCertificate),
    },
    // Row 4.
    Entry {
        sign: Sign::Code {
            codes: &[65_001, 90_094, 650_056],
            reasons: &[],
        },
        label: "Consent missing",
        meaning: "The application lacks the permissions the backup server needs, or nobody has granted them for the whole organization (admin consent).",
        actions: &[GRANT_CONSENT, CONSENT_DELAY],
        remedy: Some(Remedy::GrantPermissions),
    },
    Entry {
        sign: Sign::Words(&[&[
            "insufficient privileges to complete the operation",
            "authorization_requestdenied",
        ]]),
        label: "Permissions missing",
        meaning: "Microsoft Graph refused the application: it lacks a permission, or nobody has granted admin consent for the organization.",
        actions: &[GRANT_CONSENT, CONSENT_DELAY],
        remedy: Some(Remedy::GrantPermissions),
    },
    // Row 5.
    Entry {
        sign: Sign::Words(&[&["global administrator", "global admin"]]),
        label: "Global Administrator needed",
        meaning: "Registering the application, or granting it permissions, needs a Global Administrator of the organization, and the account that signed in with the code is not one.",
        actions: &[
            "Sign in with the code as a Global Administrator of this organization.",
            "Where roles are activated on demand (Privileged Identity Management), activate the Global Administrator role before signing in.",
        ],
        remedy: Some(Remedy::NewCode),
    },
    // Row 6.
    Entry {
        sign: Sign::Code {
            codes: &[53_003],
            reasons: &[],
        },
        label: "Blocked by Conditional Access",
        meaning: "A Conditional Access policy of the organization blocked the sign-in. Microsoft now ships a managed policy, \u{201c}Block device code flow\u{201d}, which turns itself on unless an administrator turns it off.",
        actions: &[
            "In the Microsoft Entra admin center, open Conditional Access, then Policies, and find the policy named in the sign-in logs: exclude the administrator who signs in (or the place they sign in from) while the backup server is set up.",
        ],
        remedy: Some(Remedy::ExistingApplication),
    },
    Entry {
        sign: Sign::Code {
            codes: &[530_035],
            reasons: &[],
        },
        label: "Blocked by security defaults",
        meaning: "The organization's security defaults blocked the sign-in.",
        actions: &[
            "Sign in from a place and device the organization trusts, or have an administrator review security defaults (Microsoft Entra admin center, Overview, Properties).",
        ],
        remedy: Some(Remedy::ExistingApplication),
    },
    // Row 7.
    Entry {
        sign: Sign::Words(&[&[
            "mailboxitem.importexport.all",
            "mailboxitem.read.all",
            "mailboxfolder.readwrite.all",
            "erroraccessdenied",
        ]]),
        label: "Microsoft Graph permissions missing",
        meaning: "Veeam Backup for Microsoft 365 8.5 and later read Exchange mailboxes through Microsoft Graph, which needs four application permissions the backup server does not grant by itself.",
        actions: &[
            "In the Microsoft Entra admin center, open App registrations, the application, API permissions, Add a permission, Microsoft Graph, Application permissions: add User.Read.All, MailboxItem.ImportExport.All, MailboxFolder.ReadWrite.All and MailboxItem.Read.All.",
            "Then choose \u{201c}Grant admin consent for\u{201d} your organization.",
        ],
        remedy: None,
    },
    // Row 8.
    Entry {
        sign: Sign::Code {
            codes: &[700_016, 700_011],
            reasons: &[],
        },
        label: "Application not found",
        meaning: "Microsoft Entra ID has no application with this Application ID in this organization: the ID is mistyped, belongs to an application of another tenant, or the region is wrong.",
        actions: &[
            "Copy \u{201c}Application (client) ID\u{201d} from the application's Overview page in the Microsoft Entra admin center, signed in to this organization's own tenant.",
            "Check the region: a China or US Government tenant is not in Worldwide.",
        ],
        remedy: Some(Remedy::CheckConnection),
    },
    // Row 9.
    Entry {
        sign: Sign::Code {
            codes: &[90_002, 90_038],
            reasons: &[],
        },
        label: "Tenant not found",
        meaning: "Microsoft found no organization by this name in the chosen region: the name is mistyped, or the tenant lives in another cloud (China, US Government).",
        actions: &[
            "Correct the organization name: the tenant's initial name, ending in .onmicrosoft.com.",
            "Choose the region the tenant lives in.",
        ],
        remedy: Some(Remedy::Region),
    },
    // Row 10.
    Entry {
        sign: Sign::Words(&[&[
            "private key",
            "keyset does not exist",
            "network password is not correct",
            "cannot open the certificate",
            "could not open the certificate",
        ]]),
        label: "Certificate private key unreadable",
        meaning: "The backup server could not take the certificate's private key from the .pfx: the file was exported without it, or its password does not open it.",
        actions: &[
            "Export the certificate again as a .pfx with its private key (in Windows: Export, then \u{201c}Yes, export the private key\u{201d}) and a password, and give that file and password here.",
        ],
        remedy: Some(Remedy::NewCertificate),
    },
    // Row 11.
    Entry {
        sign: Sign::Code {
            codes: &[7_000_215],
            reasons: &[],
        },
        label: "Application secret not valid",
        meaning: "The application secret is not valid. Most often the secret's ID was pasted instead of its value.",
        actions: &[
            "In the Microsoft Entra admin center, App registrations, the application, Certificates & secrets: create a new client secret and paste its Value, which Microsoft shows only once.",
            "Better still, use a certificate: it does not have to be copied by hand.",
        ],
        remedy: None,
    },
    Entry {
        sign: Sign::Code {
            codes: &[7_000_222],
            reasons: &[],
        },
        label: "Application secret expired",
        meaning: "The application secret has expired.",
        actions: &[
            "In the Microsoft Entra admin center, App registrations, the application, Certificates & secrets: create a new client secret and paste its Value, which Microsoft shows only once.",
            "Better still, use a certificate, and keep a reminder of its expiry.",
        ],
        remedy: None,
    },
    // Row 12.
    Entry {
        sign: Sign::Code {
            codes: &[50_126],
            reasons: &[],
        },
        label: "User name or password refused",
        meaning: "Microsoft refused the account's user name or password.",
        actions: &["Check the account's user name and password, then try again."],
        remedy: Some(Remedy::CheckConnection),
    },
    Entry {
        sign: Sign::Code {
            codes: &[50_076],
            reasons: &[],
        },
        label: "Multi-factor authentication required",
        meaning: "The account must use multi-factor authentication, which a password alone cannot answer.",
        actions: &[
            "Give an app password of this account instead of its password, or move the organization to modern app-only authentication, which signs in with no account password at all.",
        ],
        remedy: Some(Remedy::AppOnly),
    },
    Entry {
        sign: Sign::Code {
            codes: &[50_034],
            reasons: &[],
        },
        label: "Account not found",
        meaning: "The account does not exist in this organization.",
        actions: &[
            "Use a cloud account of this organization (not a federated or guest account), typed in full as name@domain.",
        ],
        remedy: Some(Remedy::CheckConnection),
    },
    // Row 13.
    Entry {
        sign: Sign::Words(&[
            &["401", "unauthorized"],
            &[
                "ews",
                "exchange web services",
                "powershell",
                "basic authentication",
                "legacy authentication",
            ],
        ]),
        label: "Legacy protocols blocked",
        meaning: "Microsoft, or the organization, blocks the legacy protocols this authentication method connects with.",
        actions: &[
            "Move the organization to modern app-only authentication, which uses none of them. (Version 8 adds no new organizations with legacy protocols.)",
        ],
        remedy: Some(Remedy::AppOnly),
    },
    // Row 14.
    Entry {
        sign: Sign::Words(&[&["applicationimpersonation"]]),
        label: "ApplicationImpersonation retired",
        meaning: "Microsoft retired the ApplicationImpersonation role, so the backup server cannot grant it to the account.",
        actions: &[
            "Leave \u{201c}Grant this account required roles and permissions\u{201d} clear, and move the organization to modern app-only authentication.",
        ],
        remedy: Some(Remedy::AppOnly),
    },
    // Row 15.
    Entry {
        sign: Sign::Words(&[
            &["ews", "exchange web services"],
            &[
                "disabled",
                "blocked",
                "not allowed",
                "access policy",
                "allow list",
                "allowlist",
            ],
        ]),
        label: "Exchange Web Services blocked",
        meaning: "Exchange Web Services is turned off for the organization, the user or the application: by an EWS access policy, or by Microsoft's block of EWS in effect since 1 October 2026.",
        actions: &[
            "Allow the application in the organization's EWS allow list (Exchange Online PowerShell: Set-OrganizationConfig -EwsAllowList), or",
            "move to Microsoft Graph: Veeam Backup for Microsoft 365 8.5 or later with modern app-only authentication, and the four Microsoft Graph permissions granted by hand.",
        ],
        remedy: Some(Remedy::AppOnly),
    },
    // Row 16.
    Entry {
        sign: Sign::Code {
            codes: &[500_011, 650_052],
            reasons: &[],
        },
        label: "Service missing in the organization",
        meaning: "The organization lacks a service the backup server asked for (no Exchange Online or SharePoint Online subscription), or it lives in another region.",
        actions: &[
            "Untick the service the organization does not have, or license it.",
            "Check the region the tenant lives in.",
        ],
        remedy: Some(Remedy::Services),
    },
    // Row 17.
    Entry {
        sign: Sign::Words(&[&[
            "429",
            "too many requests",
            "throttled",
            "throttling",
            "server is busy",
            "retry-after",
        ]]),
        label: "Throttled by Microsoft",
        meaning: "Microsoft is throttling this application's requests in this organization.",
        actions: &[
            "Wait a few minutes and try again.",
            "Spread the backup jobs of this organization over time, so they do not all start at once.",
        ],
        remedy: None,
    },
    // Row 18.
    Entry {
        sign: Sign::Words(&[&["service plan is not found", "service plan not found"]]),
        label: "Microsoft 365 plan not recognised",
        meaning: "The backup server did not recognise the organization's Microsoft 365 plan during its checks.",
        actions: &[
            "Follow Veeam's knowledge base article KB2946, which lists the plans and the fix.",
        ],
        remedy: None,
    },
    // Row 19.
    Entry {
        sign: Sign::Words(&[&["initial domain"]]),
        label: "Initial domain changed",
        meaning: "The organization's initial .onmicrosoft.com domain was changed, which the backup server does not support.",
        actions: &[
            "Nothing in the wizard or in Microsoft Entra ID works round this: it is a limitation of the backup server. Contact Veeam support.",
        ],
        remedy: None,
    },
    // Row 20.
    Entry {
        sign: Sign::Code {
            codes: &[70_019],
            reasons: &[],
        },
        label: "Sign-in code expired",
        meaning: "The code expired before anyone signed in with it.",
        actions: &["Get a new code and sign in with it within its time limit."],
        remedy: Some(Remedy::NewCode),
    },
    Entry {
        sign: Sign::Code {
            codes: &[70_016],
            reasons: &[],
        },
        label: "Waiting for the sign-in",
        meaning: "Microsoft is still waiting for someone to sign in with the code.",
        actions: &[
            "Open the Microsoft page, enter the code and sign in; the wizard keeps checking.",
        ],
        remedy: None,
    },
    Entry {
        sign: Sign::Code {
            codes: &[7_000_112],
            reasons: &[],
        },
        label: "Application disabled",
        meaning: "The application is disabled in Microsoft Entra ID.",
        actions: &[
            "In the Microsoft Entra admin center, open Enterprise applications, the application, then Properties, and set \u{201c}Enabled for users to sign in?\u{201d} to Yes.",
        ],
        remedy: None,
    },
    Entry {
        sign: Sign::Code {
            codes: &[50_020, 90_072],
            reasons: &[],
        },
        label: "Guest account",
        meaning: "The account that signed in with the code is a guest of the organization, or belongs to another one.",
        actions: &[
            "Sign in with an account of the organization's own tenant: one of its Global Administrators.",
        ],
        remedy: Some(Remedy::NewCode),
    },
    // The server's own code, when Microsoft's words were not recognised.
    Entry {
        sign: Sign::ErrorCode("ProxyOffline"),
        label: "Proxy offline",
        meaning: "The backup server could not reach Microsoft 365 through the proxy it is set to use.",
        actions: &[
            "Check the proxy in the backup server's settings (General options, Internet proxy), and that it is running.",
        ],
        remedy: None,
    },
];
