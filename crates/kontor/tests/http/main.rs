//! HTTP integration tests: a real server on a random port, a fresh database per test,
//! each test on SQLite and on PostgreSQL.

mod app;
mod smtp;

mod accounts;
mod admin;
mod api;
mod contacts;
mod contract;
mod credentials;
mod faults;
mod hardening;
mod hidden_actions;
mod legal;
mod limits;
mod network;
mod notifications;
mod ops;
mod people_search;
mod photos;
mod profiles;
mod search;
mod ticker;
mod ticker_memory;
mod two_factor;
mod web;
