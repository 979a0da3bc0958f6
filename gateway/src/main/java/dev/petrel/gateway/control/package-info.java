/**
 * The daemon's control socket: what an operator can ask a running gateway ({@link
 * dev.petrel.gateway.control.GatewayControl}) and the status views it answers with, as records of plain strings
 * and numbers that do not depend on the engines.
 *
 * <p>{@link dev.petrel.gateway.control.ControlServer} serves it on a Unix-domain socket, by default
 * {@code /run/petrel/petrel.sock}, mode 0600; {@link dev.petrel.gateway.control.ControlClient} is the other end.
 * The wire format is one request and one reply per connection, each a JSON object on one line ended by a newline,
 * after which the daemon closes the connection:
 * <pre>
 * {"command":"initiate","connection":"home"}   {"result":{"ok":true,"lines":["..."]}}
 * {"command":"terminate","connection":"home"}  {"result":{"ok":false,"lines":["..."]}}
 * {"command":"reload"}                         {"result":{"ok":true,"lines":["..."]}}
 * {"command":"list-sas"}                       {"sas":[{"connection":"home","uniqueId":1,...}]}
 * {"command":"list-conns"}                     {"conns":[{"name":"home",...}]}
 * {"command":"list-pools"}                     {"pools":[{"name":"rw-pool","leases":[...],...}]}
 * anything refused or malformed                {"error":"no connection named 'home'"}
 * </pre>
 * Field names are the record components' names; reading is strict (unknown, missing or null fields are errors).
 * A request is at most 4096 octets and must arrive within 5 s. This format is Petrel's own and is meant to give way
 * to strongSwan's VICI protocol behind the same {@code GatewayControl}.
 */
package dev.petrel.gateway.control;
