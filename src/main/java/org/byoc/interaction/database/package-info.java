@NullMarked
package org.byoc.interaction.database;

import org.jspecify.annotations.NullMarked;
