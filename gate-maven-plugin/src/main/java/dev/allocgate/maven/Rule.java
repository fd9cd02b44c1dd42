package dev.allocgate.maven;

import dev.allocgate.core.policy.RuleDefinition;

/**
 * One {@code <rule>} of the plugin's {@code <rules>}: the element name Maven maps to a class of the Mojo's package.
 * Its fields, their meaning and their validation are gate-core's {@link RuleDefinition}, shared with the CLI's rules
 * file.
 */
public class Rule extends RuleDefinition {
}
