//! The lifecycles that wait on the network, as pure machines: each event
//! may ask for one command, which the component performs and answers with
//! the next event. Sending the organization (`send`), the device-code
//! sign-in (`device_code`) and generating a certificate (`generation`).

pub mod device_code;
pub mod generation;
pub mod send;
