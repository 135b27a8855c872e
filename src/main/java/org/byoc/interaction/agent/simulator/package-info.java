/**
 * Scripted agents (an agent simulator): agents of an org's setup that act by themselves through the same services a
 * person at the console uses.
 */
@NullMarked
package org.byoc.interaction.agent.simulator;

import org.jspecify.annotations.NullMarked;
