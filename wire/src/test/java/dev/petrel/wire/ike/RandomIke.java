package dev.petrel.wire.ike;

import dev.petrel.wire.iana.IanaValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;

/** Random valid IKEv2 payloads and messages from a seed: every field, known values and unknown ones. */
final class RandomIke {
    /** One kind a payload record; the last two, SK and SKF, only end a message. */
    static final int KINDS = 16;
    private static final int PLAIN_KINDS = KINDS - 2;

    private final Random random;

    RandomIke(long seed) {
        random = new Random(seed);
    }

    IkeMessage message() {
        List<Payload> payloads = new ArrayList<>(chain());
        if (random.nextInt(3) == 0) {
            payloads.add(payload(PLAIN_KINDS + random.nextInt(2)));
        }
        return new IkeMessage(new IkeHeader(random.nextLong(), random.nextLong(), 0, random.nextInt(256), random.nextBoolean(),
                random.nextBoolean(), random.nextInt(), 0), payloads);
    }

    /** Up to eight payloads of the kinds allowed inside SK. */
    List<Payload> chain() {
        List<Payload> payloads = new ArrayList<>();
        for (int n = random.nextInt(9); n > 0; n--) {
            payloads.add(payload(random.nextInt(PLAIN_KINDS)));
        }
        return payloads;
    }

    Payload payload(int kind) {
        return switch (kind) {
            case 0 -> new SecurityAssociationPayload(proposals());
            case 1 -> new KeyExchangePayload(random.nextInt(0x10000), bytes(300));
            case 2 -> identification();
            case 3 -> new CertificatePayload(random.nextInt(256), bytes(100));
            case 4 -> new CertificateRequestPayload(random.nextInt(256), bytes(100));
            case 5 -> new AuthenticationPayload(random.nextInt(256), bytes(80));
            case 6 -> new NoncePayload(bytes(NoncePayload.MIN_LENGTH, NoncePayload.MAX_LENGTH));
            case 7 -> new NotifyPayload(random.nextInt(256), bytes(8), random.nextInt(0x10000), bytes(40));
            case 8 -> delete();
            case 9 -> new VendorIdPayload(bytes(32));
            case 10 -> new TrafficSelectorPayload(random.nextBoolean(), list(4, i -> selector()));
            case 11 -> new ConfigurationPayload(random.nextInt(256), list(4, i -> new ConfigurationAttribute(random.nextInt(0x8000), bytes(20))));
            case 12 -> eap();
            case 13 -> unknown();
            case 14 -> new EncryptedPayload(random.nextInt(256), bytes(100));
            case 15 -> fragment();
            default -> throw new IllegalArgumentException("kind " + kind);
        };
    }

    private List<Proposal> proposals() {
        int n = 1 + random.nextInt(4);
        int first = n == 1 ? 1 + random.nextInt(255) : 1;
        return list(n, n, i -> {
            int protocol = oneOf(ProtocolId.class, 256);
            int spiSize = switch (protocol) {
                case 1 -> random.nextBoolean() ? 0 : 8;
                case 2, 3 -> 4;
                default -> random.nextInt(9);
            };
            return new Proposal(first + i, protocol, bytes(spiSize, spiSize), list(1, 6, j -> transform()));
        });
    }

    private TransformEntry transform() {
        List<TransformAttribute> attributes = list(3, i -> random.nextBoolean()
                ? new TransformAttribute(random.nextInt(0x8000), true, bytes(2, 2))
                : new TransformAttribute(random.nextInt(0x8000), false, bytes(10)));
        return new TransformEntry(random.nextInt(256), random.nextInt(0x10000), attributes);
    }

    private IdentificationPayload identification() {
        int idType = oneOf(IdType.class, 256);
        int length = idType == IdType.ID_IPV4_ADDR.value() ? 4 : idType == IdType.ID_IPV6_ADDR.value() ? 16 : random.nextInt(41);
        return new IdentificationPayload(random.nextBoolean(), idType, bytes(length, length));
    }

    private DeletePayload delete() {
        int protocol = 1 + random.nextInt(3);
        return new DeletePayload(protocol, protocol == 1 ? List.of() : list(5, i -> random.nextInt()));
    }

    private TrafficSelectorEntry selector() {
        boolean v4 = random.nextBoolean();
        int length = v4 ? 4 : 16;
        return new TrafficSelectorEntry((v4 ? TsType.TS_IPV4_ADDR_RANGE : TsType.TS_IPV6_ADDR_RANGE).value(), random.nextInt(256),
                random.nextInt(0x10000), random.nextInt(0x10000), bytes(length, length), bytes(length, length));
    }

    private EapPayload eap() {
        byte[] message = bytes(EapPayload.HEADER_LENGTH, 60);
        message[2] = (byte) (message.length >>> 8);
        message[3] = (byte) message.length;
        return new EapPayload(message);
    }

    private UnknownPayload unknown() {
        int type;
        do {
            type = 1 + random.nextInt(255);
        } while (IanaValue.byValue(PayloadType.class, type).isPresent());
        return new UnknownPayload(type, false, bytes(20));
    }

    private EncryptedFragmentPayload fragment() {
        int total = 1 + random.nextInt(5);
        int number = 1 + random.nextInt(total);
        return new EncryptedFragmentPayload(number == 1 ? random.nextInt(256) : 0, number, total, bytes(100));
    }

    /** A value of the registry half the time, otherwise any below {@code bound}. */
    private <E extends Enum<E> & IanaValue> int oneOf(Class<E> registry, int bound) {
        E[] known = registry.getEnumConstants();
        return random.nextBoolean() ? known[random.nextInt(known.length)].value() : random.nextInt(bound);
    }

    private byte[] bytes(int max) {
        return bytes(0, max);
    }

    private byte[] bytes(int min, int max) {
        byte[] b = new byte[min + random.nextInt(max - min + 1)];
        random.nextBytes(b);
        return b;
    }

    private <T> List<T> list(int max, IntFunction<T> element) {
        return list(0, max, element);
    }

    private <T> List<T> list(int min, int max, IntFunction<T> element) {
        List<T> out = new ArrayList<>();
        for (int i = 0, n = min + random.nextInt(max - min + 1); i < n; i++) {
            out.add(element.apply(i));
        }
        return out;
    }
}
