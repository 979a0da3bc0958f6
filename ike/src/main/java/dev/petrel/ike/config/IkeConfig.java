package dev.petrel.ike.config;

import dev.petrel.ike.identity.Identity;
import dev.petrel.ike.identity.IdentityMatcher;
import dev.petrel.ike.proposal.CryptoProposal;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One IKE connection (swanctl's {@code connections.NAME}): where the peer is, the IKE proposals in order of
 * preference, who each side is and how it authenticates, and the CHILD_SAs it carries.
 *
 * @param localAddress the address we use, or null for any
 * @param remoteAddress the peer's address; null accepts any peer and cannot initiate
 * @param forceEncapsulation swanctl's {@code encap}: pretend to be behind a NAT so that ESP goes in UDP (RFC 3948)
 * @param certificates when CERT and CERTREQ payloads are sent
 */
public record IkeConfig(String name, InetAddress localAddress, InetAddress remoteAddress, List<CryptoProposal> proposals,
        Identity localId, Authentication.Local localAuth, IdentityMatcher remoteId, Authentication.Remote remoteAuth,
        List<ChildConfig> children, boolean forceEncapsulation, CertificatePolicy certificates) {
    /** A connection with strongSwan's default CERT and CERTREQ policy. */
    public IkeConfig(String name, InetAddress localAddress, InetAddress remoteAddress, List<CryptoProposal> proposals,
            Identity localId, Authentication.Local localAuth, IdentityMatcher remoteId, Authentication.Remote remoteAuth,
            List<ChildConfig> children, boolean forceEncapsulation) {
        this(name, localAddress, remoteAddress, proposals, localId, localAuth, remoteId, remoteAuth, children,
                forceEncapsulation, CertificatePolicy.DEFAULT);
    }

    public IkeConfig {
        Objects.requireNonNull(name, "name");
        proposals = List.copyOf(proposals);
        Objects.requireNonNull(localAuth, "localAuth");
        Objects.requireNonNull(remoteId, "remoteId");
        Objects.requireNonNull(remoteAuth, "remoteAuth");
        children = List.copyOf(children);
        Objects.requireNonNull(certificates, "certificates");
        if (proposals.isEmpty()) {
            throw new IllegalArgumentException("connection " + name + " has no IKE proposal");
        }
    }

    /** True when either side authenticates with a certificate: IKE_SA_INIT then announces RFC 7427 hashes. */
    public boolean usesCertificates() {
        return localAuth instanceof CertificateAuth || remoteAuth instanceof TrustAnchors;
    }

    public Optional<ChildConfig> child(String childName) {
        return children.stream().filter(c -> c.name().equals(childName)).findFirst();
    }

    /** True when this connection may serve a peer at {@code remote} reaching us at {@code local}. */
    public boolean accepts(InetAddress local, InetAddress remote) {
        return (localAddress == null || localAddress.equals(local)) && (remoteAddress == null || remoteAddress.equals(remote));
    }

    /** Our identity: the configured one, else our certificate's subject or our address (strongSwan's defaults). */
    public Identity localIdentity(InetAddress ourAddress) {
        if (localId != null) {
            return localId;
        }
        return localAuth instanceof CertificateAuth c ? c.subjectIdentity() : Identity.of(ourAddress);
    }
}
