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
 * @param virtualIps the virtual IPs we ask for, or the pools we lease them from
 * @param certificates when CERT and CERTREQ payloads are sent
 * @param lifecycle rekeying, reauthentication and dead peer detection
 */
public record IkeConfig(String name, InetAddress localAddress, InetAddress remoteAddress, List<CryptoProposal> proposals,
        List<LocalRound> localRounds, List<RemoteRound> remoteRounds, List<ChildConfig> children,
        boolean forceEncapsulation, VirtualIps virtualIps, CertificatePolicy certificates, IkeLifecycle lifecycle) {
    public IkeConfig {
        Objects.requireNonNull(lifecycle, "lifecycle");
        Objects.requireNonNull(name, "name");
        proposals = List.copyOf(proposals);
        localRounds = List.copyOf(localRounds);
        remoteRounds = List.copyOf(remoteRounds);
        if (localRounds.isEmpty() || remoteRounds.isEmpty()) {
            throw new IllegalArgumentException("connection " + name + " needs an authentication round on each side");
        }
        children = List.copyOf(children);
        Objects.requireNonNull(virtualIps, "virtualIps");
        Objects.requireNonNull(certificates, "certificates");
        if (proposals.isEmpty()) {
            throw new IllegalArgumentException("connection " + name + " has no IKE proposal");
        }
    }

    /** A connection with one authentication round on each side and strongSwan's CERT and CERTREQ policy. */
    public IkeConfig(String name, InetAddress localAddress, InetAddress remoteAddress, List<CryptoProposal> proposals,
            Identity localId, Authentication.Local localAuth, IdentityMatcher remoteId, Authentication.Remote remoteAuth,
            List<ChildConfig> children, boolean forceEncapsulation) {
        this(name, localAddress, remoteAddress, proposals, List.of(new LocalRound(localId, localAuth)),
                List.of(new RemoteRound(remoteId, remoteAuth)), children, forceEncapsulation, VirtualIps.NONE,
                CertificatePolicy.DEFAULT);
    }

    /** A connection whose IKE SAs live until deleted, without dead peer detection. */
    public IkeConfig(String name, InetAddress localAddress, InetAddress remoteAddress, List<CryptoProposal> proposals,
            List<LocalRound> localRounds, List<RemoteRound> remoteRounds, List<ChildConfig> children,
            boolean forceEncapsulation, VirtualIps virtualIps, CertificatePolicy certificates) {
        this(name, localAddress, remoteAddress, proposals, localRounds, remoteRounds, children, forceEncapsulation,
                virtualIps, certificates, IkeLifecycle.NONE);
    }

    public IkeConfig withLifecycle(IkeLifecycle newLifecycle) {
        return new IkeConfig(name, localAddress, remoteAddress, proposals, localRounds, remoteRounds, children,
                forceEncapsulation, virtualIps, certificates, newLifecycle);
    }

    public IkeConfig withChildren(List<ChildConfig> newChildren) {
        return new IkeConfig(name, localAddress, remoteAddress, proposals, localRounds, remoteRounds, newChildren,
                forceEncapsulation, virtualIps, certificates, lifecycle);
    }

    /** The identity we claim in the first round, or null for the default ({@link #localIdentity}). */
    public Identity localId() {
        return localRounds.getFirst().id();
    }

    /** How we authenticate in the first round. */
    public Authentication.Local localAuth() {
        return localRounds.getFirst().auth();
    }

    /** The IKE identities we accept of the peer (first round). */
    public IdentityMatcher remoteId() {
        return remoteRounds.getFirst().id();
    }

    /** How the peer authenticates in the first round. */
    public Authentication.Remote remoteAuth() {
        return remoteRounds.getFirst().auth();
    }

    /** True when either side signs AUTH with a certificate: IKE_SA_INIT then announces RFC 7427 hashes. */
    public boolean usesCertificates() {
        return localRounds.stream().anyMatch(r -> r.auth() instanceof CertificateAuth)
                || remoteRounds.stream().anyMatch(r -> r.auth() instanceof TrustAnchors);
    }

    /** True when either side authenticates in more than one round (RFC 4739). */
    public boolean multipleRounds() {
        return localRounds.size() > 1 || remoteRounds.size() > 1;
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
        if (localId() != null) {
            return localId();
        }
        return localAuth() instanceof CertificateAuth c ? c.subjectIdentity() : Identity.of(ourAddress);
    }
}
