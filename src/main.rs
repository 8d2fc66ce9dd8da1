//! The module's start: panics reported to the console. The static page is
//! then started by its script (`startPage`; its `config.json` comes with the
//! later steps), and hosts that embed the wizard mount it when they choose
//! (`embed.js`).

fn main() {
    m365_org_wizard::report_panics();
}
