package dev.petrel.ike.config;

/**
 * What happens to a CHILD_SA when its IKE SA dies because the peer is dead ({@code dpd_action}) or because the peer
 * closed it ({@code close_action}), as strongSwan's actions.
 */
public enum CloseAction {
    /** Nothing: the CHILD_SA is gone until someone initiates it again ({@code clear}, or {@code none}). */
    CLEAR,
    /** Install a trap policy, so that the next matching packet negotiates it again ({@code trap}). */
    TRAP,
    /** Negotiate it again at once ({@code restart}, {@code start}). */
    RESTART
}
