package dev.petrel.wire.ike;

import dev.petrel.wire.ike.IkeDecodeException.Kind;
import dev.petrel.wire.iana.IanaValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A chain of payloads linked by their generic headers' Next Payload fields (RFC 7296 §3.2): the payloads of an
 * IKE message, or the decrypted content of its SK payload.
 */
public final class PayloadChain {
    private PayloadChain() {}

    /**
     * Decodes the payloads in {@code b[off, off + len)}, the first of type {@code firstType}: the decrypted content
     * of an SK payload, so SK and SKF are not allowed. The chain must end (Next Payload 0) exactly at the end.
     */
    public static List<Payload> decode(int firstType, byte[] b, int off, int len) throws IkeDecodeException {
        Objects.checkFromIndexSize(off, len, b.length);
        return decode(firstType, new Reader(b, off, len), "SK", false);
    }

    /**
     * Decodes the chain to the end of {@code r}; {@code firstType} is the Next Payload of {@code before}. With
     * {@code encryptedAllowed}, the chain may end in an SK or SKF payload, whose Next Payload names the first
     * payload inside it.
     */
    static List<Payload> decode(int firstType, Reader r, String before, boolean encryptedAllowed) throws IkeDecodeException {
        List<Payload> payloads = new ArrayList<>();
        int type = firstType;
        String label = before;
        while (type != 0) {
            label = PayloadType.label(type);
            r.payloadType(type);
            boolean encrypted = type == PayloadType.SK.value() || type == PayloadType.SKF.value();
            if (encrypted && !encryptedAllowed) {
                throw r.error(label, "an encrypted payload inside an encrypted payload");
            }
            int next = r.u8(label + ".nextPayload");
            boolean critical = (r.u8(label + ".flags") & 0x80) != 0;
            Reader body = r.structure(label, 4, 4); // the generic payload header (RFC 7296 §3.2)
            payloads.add(decodeBody(type, next, critical, body));
            if (encrypted) {
                if (r.remaining() > 0) {
                    throw r.error(label, "must be the last payload, " + r.remaining() + " octets follow");
                }
                return payloads;
            }
            type = next;
        }
        r.end(label + ".nextPayload");
        return payloads;
    }

    private static Payload decodeBody(int type, int next, boolean critical, Reader r) throws IkeDecodeException {
        // type 0 ends the chain before we get here, so NONE stands for a type we do not know
        PayloadType known = IanaValue.byValue(PayloadType.class, type).orElse(PayloadType.NONE);
        return switch (known) {
            case SA -> SecurityAssociationPayload.decode(r);
            case KE -> KeyExchangePayload.decode(r);
            case IDI, IDR -> IdentificationPayload.decode(r, known == PayloadType.IDI);
            case CERT -> CertificatePayload.decode(r);
            case CERTREQ -> CertificateRequestPayload.decode(r);
            case AUTH -> AuthenticationPayload.decode(r);
            case NONCE -> NoncePayload.decode(r);
            case NOTIFY -> NotifyPayload.decode(r);
            case DELETE -> DeletePayload.decode(r);
            case VENDOR_ID -> VendorIdPayload.decode(r);
            case TSI, TSR -> TrafficSelectorPayload.decode(r, known == PayloadType.TSI);
            case SK -> EncryptedPayload.decode(r, next);
            case CP -> ConfigurationPayload.decode(r);
            case EAP -> EapPayload.decode(r);
            case SKF -> EncryptedFragmentPayload.decode(r, next);
            case NONE -> {
                if (critical) {
                    throw new IkeDecodeException(Kind.UNSUPPORTED_CRITICAL_PAYLOAD, PayloadType.label(type), type,
                            "unknown payload type " + type + " is critical");
                }
                yield new UnknownPayload(type, false, r.rest());
            }
        };
    }

    /** The chain, each payload with its generic header; the last one's Next Payload is 0 unless it is SK or SKF. */
    public static byte[] encode(List<Payload> payloads) {
        Writer w = new Writer();
        encode(payloads, w);
        return w.toByteArray();
    }

    static void encode(List<Payload> payloads, Writer w) {
        for (int i = 0; i < payloads.size(); i++) {
            Payload p = payloads.get(i);
            int next = switch (p) {
                case EncryptedPayload sk -> lastOrFail(payloads, i, sk.firstInnerPayload());
                case EncryptedFragmentPayload skf -> lastOrFail(payloads, i, skf.firstInnerPayload());
                default -> firstType(payloads.subList(i + 1, payloads.size()));
            };
            int start = w.position();
            w.u8(next);
            w.u8(p.critical() ? 0x80 : 0);
            w.zeros(2);
            encodeBody(p, w);
            w.patchLength(start);
        }
    }

    private static int lastOrFail(List<Payload> payloads, int i, int next) {
        if (i != payloads.size() - 1) {
            throw new IllegalArgumentException("an encrypted payload must be the last one");
        }
        return next;
    }

    /** The type of the first payload, 0 for none: the Next Payload of what precedes the chain. */
    public static int firstType(List<Payload> payloads) {
        return payloads.isEmpty() ? 0 : payloads.getFirst().type();
    }

    /**
     * The payload's body without its generic header, e.g. the IDi or IDr body that the AUTH payload signs
     * (RFC 7296 §2.15).
     */
    public static byte[] body(Payload p) {
        Writer w = new Writer();
        encodeBody(p, w);
        return w.toByteArray();
    }

    private static void encodeBody(Payload p, Writer w) {
        switch (p) {
            case SecurityAssociationPayload sa -> sa.encode(w);
            case KeyExchangePayload ke -> ke.encode(w);
            case IdentificationPayload id -> id.encode(w);
            case CertificatePayload cert -> cert.encode(w);
            case CertificateRequestPayload certreq -> certreq.encode(w);
            case AuthenticationPayload auth -> auth.encode(w);
            case NoncePayload nonce -> nonce.encode(w);
            case NotifyPayload n -> n.encode(w);
            case DeletePayload d -> d.encode(w);
            case VendorIdPayload v -> v.encode(w);
            case TrafficSelectorPayload ts -> ts.encode(w);
            case EncryptedPayload sk -> sk.encode(w);
            case EncryptedFragmentPayload skf -> skf.encode(w);
            case ConfigurationPayload cp -> cp.encode(w);
            case EapPayload eap -> eap.encode(w);
            case UnknownPayload u -> u.encode(w);
        }
    }
}
