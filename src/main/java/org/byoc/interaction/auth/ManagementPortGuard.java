package org.byoc.interaction.auth;

import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;

/**
 * Refuses to start when the management endpoints would share the partner API port. The admin token filter lives
 * in the management child context, which only exists on a port of its own; on a shared port the actuator would be
 * served unguarded, so a configuration mistake must fail loudly rather than open it.
 */
@ManagementContextConfiguration(value = ManagementContextType.SAME, proxyBeanMethods = false)
public class ManagementPortGuard {

	ManagementPortGuard() {
		throw new IllegalStateException("management.server.port must be a port of its own (default 7080), different "
				+ "from server.port, or -1 to switch the management endpoints off: the actuator and the admin API are "
				+ "only guarded by the admin token on their own port.");
	}

}
