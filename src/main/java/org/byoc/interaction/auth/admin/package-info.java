@NullMarked
package org.byoc.interaction.auth.admin;

import org.jspecify.annotations.NullMarked;
