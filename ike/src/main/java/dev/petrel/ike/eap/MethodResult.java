package dev.petrel.ike.eap;

/** What an EAP method does with one message it received: answer it, or end (RFC 3748 §2.1). */
public sealed interface MethodResult {
    /** Send a request (server) or a response (peer) of the method's type with this Type-Data. */
    record Continue(byte[] typeData) implements MethodResult {}

    /**
     * The server authenticated the peer as {@code identity}.
     *
     * @param msk the Master Session Key, which the caller owns and wipes, or null for a method without one
     */
    record Authenticated(byte[] msk, String identity) implements MethodResult {
        @Override
        public String toString() {
            return "Authenticated[" + identity + (msk == null ? ", no MSK" : ", MSK") + "]";
        }
    }

    /** The method failed; {@code reason} says why, for the log, and holds no secret. */
    record Failed(String reason) implements MethodResult {}
}
