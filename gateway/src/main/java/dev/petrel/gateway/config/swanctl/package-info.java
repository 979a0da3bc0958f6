/**
 * swanctl.conf(5) read into a {@link dev.petrel.gateway.config.GatewayConfig}: the {@code connections},
 * {@code secrets}, {@code authorities} and {@code pools} sections, strongSwan's defaults where a key is absent, and
 * an error for every key and value Petrel would not honour. Entry point:
 * {@link dev.petrel.gateway.config.swanctl.SwanctlConfig}.
 */
package dev.petrel.gateway.config.swanctl;
