/**
 * Clean slates: reset an org's state, take snapshots of it and restore them, keeping its setup.
 */
@NullMarked
package org.byoc.interaction.agent.slate;

import org.jspecify.annotations.NullMarked;
