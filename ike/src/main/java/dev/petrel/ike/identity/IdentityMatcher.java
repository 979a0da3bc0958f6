package dev.petrel.ike.identity;

import java.util.Optional;

/**
 * What a connection accepts as the peer's identity (the PAD of RFC 4301 §4.4.3): {@code %any}, one identity, or
 * for FQDN and RFC822 identities a leading {@code *} wildcard such as {@code *.example.com} or {@code *@example.com}.
 */
public sealed interface IdentityMatcher {
    boolean matches(Identity peer);

    /**
     * True when {@code text}, an identity in strongSwan's notation that came from the peer (an EAP identity), is one
     * this matcher accepts; text that is no identity at all is accepted by none.
     */
    default boolean matchesText(String text) {
        try {
            return matches(Identity.parse(text));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The identity to send in IDr when initiating, if the matcher names exactly one (RFC 7296 §3.5). */
    Optional<Identity> exact();

    static IdentityMatcher parse(String text) {
        String s = text.strip();
        if (s.equals("%any")) {
            return new Any();
        }
        int star = s.indexOf('*');
        if (star == 0 && s.indexOf('*', 1) < 0 && s.length() > 1) {
            Identity shape = Identity.parse(s.replace("*", "x"));
            return new Suffix(shape.type(), s.substring(1));
        }
        if (star >= 0) {
            throw new IllegalArgumentException("identity pattern '" + s + "': only a single leading * is supported");
        }
        return new Exactly(Identity.parse(s));
    }

    record Any() implements IdentityMatcher {
        @Override
        public boolean matches(Identity peer) {
            return true;
        }

        @Override
        public Optional<Identity> exact() {
            return Optional.empty();
        }

        @Override
        public String toString() {
            return "%any";
        }
    }

    record Exactly(Identity identity) implements IdentityMatcher {
        @Override
        public boolean matches(Identity peer) {
            return identity.equals(peer);
        }

        @Override
        public Optional<Identity> exact() {
            return Optional.of(identity);
        }

        @Override
        public String toString() {
            return identity.toString();
        }
    }

    record Suffix(dev.petrel.wire.ike.IdType type, String suffix) implements IdentityMatcher {
        @Override
        public boolean matches(Identity peer) {
            return peer.type() == type && peer.toString().toLowerCase(java.util.Locale.ROOT)
                    .endsWith(suffix.toLowerCase(java.util.Locale.ROOT));
        }

        @Override
        public Optional<Identity> exact() {
            return Optional.empty();
        }

        @Override
        public String toString() {
            return "*" + suffix;
        }
    }
}
