@NullMarked
package org.byoc.interaction.auth;

import org.jspecify.annotations.NullMarked;
