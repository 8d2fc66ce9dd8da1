//! The simulator's rules, exercised over real HTTP on loopback, one file
//! per endpoint (one test binary: the simulator and its client are linked
//! once).
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed test is meant to panic

mod certificates;
mod common;
mod device_code;
mod edit;
mod faults;
mod health;
mod organizations;
mod serving;
mod token;
