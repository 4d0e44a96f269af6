//! How many WebSockets are open, in all and from each client address: a socket holds
//! a connection, memory and a subscription to every event for hours, so one client
//! may not open thousands.

use std::{
    collections::HashMap,
    net::IpAddr,
    sync::{Arc, Mutex},
};

use crate::config::connections::SocketLimits;

/// The sockets open, counted against [`SocketLimits`].
#[derive(Debug)]
pub struct SocketSlots {
    max_per_client: usize,
    max_sockets: usize,
    open: Mutex<Open>,
}

#[derive(Debug, Default)]
struct Open {
    total: usize,
    by_client: HashMap<IpAddr, usize>,
}

/// Why no socket could be opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Full {
    /// The client has as many open as one client may.
    Client,
    /// The service has as many open as it takes.
    Service,
}

impl Full {
    fn label(self) -> &'static str {
        match self {
            Full::Client => "per_client",
            Full::Service => "total",
        }
    }
}

/// One open socket's place; given back when dropped.
#[derive(Debug)]
pub struct SocketSlot {
    slots: Arc<SocketSlots>,
    client: IpAddr,
}

impl SocketSlots {
    pub fn new(limits: &SocketLimits) -> Self {
        SocketSlots {
            max_per_client: limits.max_per_client,
            max_sockets: limits.max_sockets,
            open: Mutex::default(),
        }
    }

    /// A place for one more socket from `client`, counted in the metrics either way.
    pub fn take(self: &Arc<Self>, client: IpAddr) -> Result<SocketSlot, Full> {
        let taken = {
            let mut open = self.open.lock().unwrap_or_else(|e| e.into_inner());
            let mine = open.by_client.get(&client).copied().unwrap_or(0);
            if open.total >= self.max_sockets {
                Err(Full::Service)
            } else if mine >= self.max_per_client {
                Err(Full::Client)
            } else {
                open.total += 1;
                open.by_client.insert(client, mine + 1);
                Ok(())
            }
        };
        match taken {
            Ok(()) => {
                metrics::gauge!("ws_sockets_open").increment(1);
                Ok(SocketSlot {
                    slots: Arc::clone(self),
                    client,
                })
            }
            Err(full) => {
                metrics::counter!("ws_sockets_refused_total", "reason" => full.label())
                    .increment(1);
                Err(full)
            }
        }
    }
}

impl Drop for SocketSlot {
    fn drop(&mut self) {
        metrics::gauge!("ws_sockets_open").decrement(1);
        let mut open = self.slots.open.lock().unwrap_or_else(|e| e.into_inner());
        open.total = open.total.saturating_sub(1);
        if let Some(mine) = open.by_client.get_mut(&self.client) {
            *mine -= 1;
            if *mine == 0 {
                // Addresses come and go: only those with a socket open are kept.
                open.by_client.remove(&self.client);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_client_and_the_service_have_their_cap_and_places_come_back() {
        let slots = Arc::new(SocketSlots::new(&SocketLimits {
            max_per_client: 2,
            max_sockets: 3,
            ..SocketLimits::default()
        }));
        let (a, b): (IpAddr, IpAddr) = ("192.0.2.1".parse().unwrap(), "192.0.2.2".parse().unwrap());
        let first = slots.take(a).unwrap();
        let _second = slots.take(a).unwrap();
        assert_eq!(slots.take(a).unwrap_err(), Full::Client);
        let _third = slots.take(b).unwrap();
        assert_eq!(slots.take(b).unwrap_err(), Full::Service);
        drop(first);
        assert!(
            slots.take(a).is_ok(),
            "a closed socket gives its place back"
        );
    }
}
