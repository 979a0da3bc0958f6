/**
 * The gateway's configuration: {@link dev.petrel.gateway.config.GatewayConfig} and its connections and children,
 * read from strongSwan's swanctl.conf syntax by {@link dev.petrel.gateway.config.swanctl.SwanctlConfig}. Loading
 * is a pure function of the files, so a reload is another load. Anything Petrel would not honour is a
 * {@link dev.petrel.gateway.config.ConfigException} naming the file, line and key, never silently ignored.
 */
package dev.petrel.gateway.config;
