/**
 * rtnetlink (NETLINK_ROUTE) through the FFM binding: a socket that sends one request at a time and gathers the
 * kernel's answer ({@link dev.petrel.gateway.os.netlink.RtNetlink}), requests built as bytes
 * ({@link dev.petrel.gateway.os.netlink.NetlinkMessage}), answers read back
 * ({@link dev.petrel.gateway.os.netlink.NetlinkReply}), and the link and address messages
 * ({@link dev.petrel.gateway.os.netlink.Interfaces}). Cold path only: configuration, never per packet.
 */
package dev.petrel.gateway.os.netlink;
