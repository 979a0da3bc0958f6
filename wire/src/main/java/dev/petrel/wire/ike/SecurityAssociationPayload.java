package dev.petrel.wire.ike;

import java.util.ArrayList;
import java.util.List;

/** The Security Association payload (RFC 7296 §3.3): one or more proposals. */
public record SecurityAssociationPayload(List<Proposal> proposals) implements Payload {
    public SecurityAssociationPayload {
        proposals = List.copyOf(proposals);
        if (proposals.isEmpty()) {
            throw new IllegalArgumentException("an SA payload has at least one proposal");
        }
    }

    @Override
    public int type() {
        return PayloadType.SA.value();
    }

    /**
     * Checks the numbering of RFC 7296 §3.3.1: each proposal's number is one more than the previous one's, and
     * the first of several is 1. A lone proposal may carry any number from 1: a responder's accepted proposal
     * keeps the number it had in the request.
     */
    static SecurityAssociationPayload decode(Reader r) throws IkeDecodeException {
        List<Proposal> proposals = new ArrayList<>();
        int last;
        do {
            String name = "proposal[" + (proposals.size() + 1) + "]";
            last = r.u8(name + ".last");
            if (last != 0 && last != 2) {
                throw r.error(name + ".last", last + " is neither 0 nor 2");
            }
            r.skip(1, name + ".reserved");
            Proposal p = Proposal.decode(r.structure(name, 4, 8));
            if (proposals.isEmpty() ? p.number() == 0 : p.number() != proposals.getLast().number() + 1) {
                throw r.error(name + ".number", p.number() + " does not follow " + (proposals.isEmpty() ? 0 : proposals.getLast().number()));
            }
            if (proposals.size() == 1 && proposals.getFirst().number() != 1) {
                throw r.error("proposal[1].number", proposals.getFirst().number() + ", but the first of several proposals is 1");
            }
            proposals.add(p);
        } while (last == 2);
        r.end("proposal[" + proposals.size() + "]");
        return new SecurityAssociationPayload(proposals);
    }

    void encode(Writer w) {
        for (int i = 0; i < proposals.size(); i++) {
            proposals.get(i).encode(w, i == proposals.size() - 1);
        }
    }
}
