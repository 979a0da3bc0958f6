package dev.petrel.testkit.interop;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SPIs and keys (RFC 7296 §2.14: SK_d, SK_ai/ar, SK_ei/er, SK_pi/pr) of the first IKE_SA in a charon log written
 * at level 4. With an AEAD the integrity keys are empty. Test-only: for decrypting strongSwan's IKE independently,
 * e.g. with tshark's ikev2_decryption_table.
 */
public record StrongSwanIkeKeys(
        long initiatorSpi,
        long responderSpi,
        byte[] skD,
        byte[] skAi,
        byte[] skAr,
        byte[] skEi,
        byte[] skEr,
        byte[] skPi,
        byte[] skPr) {

    private static final Pattern KEY = Pattern.compile("Sk_(d|ai|ar|ei|er|pi|pr) secret");
    private static final Pattern SPIS = Pattern.compile(".* with SPIs ([0-9a-f]{16})_i ([0-9a-f]{16})_r.*");

    /** Parses the first IKE_SA of {@code log}; fails when the log was not written at level 4. */
    public static StrongSwanIkeKeys parse(Path log) throws IOException {
        CharonLog charon = CharonLog.read(log);
        Map<String, byte[]> keys = charon.firstDumps("IKE", KEY);
        if (!keys.containsKey("Sk_d secret")) {
            throw new IOException(log + " holds no IKE_SA keys: was charon's log level 4?");
        }
        for (int i = 0; i < charon.size(); i++) {
            Optional<CharonLog.Message> m = charon.message(i);
            Matcher spis = m.filter(x -> x.group().equals("MGR")).map(x -> SPIS.matcher(x.text())).orElse(null);
            if (spis != null && spis.matches() && !spis.group(2).equals("0".repeat(16))) {
                byte[] none = new byte[0];
                return new StrongSwanIkeKeys(Long.parseUnsignedLong(spis.group(1), 16), Long.parseUnsignedLong(spis.group(2), 16),
                        keys.get("Sk_d secret"), keys.getOrDefault("Sk_ai secret", none), keys.getOrDefault("Sk_ar secret", none),
                        keys.get("Sk_ei secret"), keys.get("Sk_er secret"), keys.get("Sk_pi secret"), keys.get("Sk_pr secret"));
            }
        }
        throw new IOException(log + " names no established IKE_SA's SPIs (charon logs them at level 2 and up)");
    }

    @Override
    public String toString() {
        return "StrongSwanIkeKeys[" + Long.toHexString(initiatorSpi) + "_i " + Long.toHexString(responderSpi) + "_r]";
    }
}
