@NullMarked
package org.byoc.interaction.auth.token;

import org.jspecify.annotations.NullMarked;
