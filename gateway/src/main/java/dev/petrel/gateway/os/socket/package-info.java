/**
 * Datagram sockets for the data plane, through the FFM binding: {@link dev.petrel.gateway.os.socket.UdpSocket}
 * (ESP in UDP, RFC 3948) and {@link dev.petrel.gateway.os.socket.RawIpSocket} (IP protocol 50), both receiving and
 * sending {@link dev.petrel.gateway.os.socket.DatagramBatch}es with recvmmsg(2) and sendmmsg(2): one system call
 * for up to a batch of datagrams, no allocation per datagram.
 */
package dev.petrel.gateway.os.socket;
