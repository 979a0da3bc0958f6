package dev.petrel.ike.eap;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Test users: alice's password is "wonderland", bob's "builder". */
public final class Users {
    public static final EapUsers ALICE_AND_BOB = identity -> {
        String password = Map.of("alice", "wonderland", "bob", "builder").get(identity);
        return password == null ? null : password.getBytes(StandardCharsets.UTF_8);
    };

    private Users() {}

    public static byte[] password(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
