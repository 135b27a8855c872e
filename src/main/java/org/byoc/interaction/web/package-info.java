@NullMarked
package org.byoc.interaction.web;

import org.jspecify.annotations.NullMarked;
