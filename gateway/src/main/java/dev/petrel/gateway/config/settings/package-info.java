/**
 * strongSwan's settings syntax, the one of strongswan.conf(5) that swanctl.conf(5) uses: sections
 * {@code name { ... }}, {@code key = value} up to the end of the line, {@code #} comments, quoted strings with
 * escapes, and {@code include PATTERN}. Read into a tree of {@link dev.petrel.gateway.config.settings.Section}s
 * whose every node knows its file and line; what the keys mean is the business of the swanctl package.
 */
package dev.petrel.gateway.config.settings;
