/** The I/O shell around the sans-I/O engines: sockets, timers and the actions they return. */
package dev.petrel.gateway;
