/**
 * What nodes sharing one database tell each other: {@link org.byoc.interaction.setup.cluster.ClusterSignals}
 * (PostgreSQL LISTEN/NOTIFY; on H2, the one node hears itself), and what a node refuses to start without when it
 * is one of several ({@link org.byoc.interaction.setup.cluster.ClusterMode}).
 */
@NullMarked
package org.byoc.interaction.setup.cluster;

import org.jspecify.annotations.NullMarked;
