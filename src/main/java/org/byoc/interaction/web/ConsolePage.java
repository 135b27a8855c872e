package org.byoc.interaction.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.stereotype.Controller;

/**
 * Marks a controller of the agent console: server-rendered pages under {@code /console/}. Like
 * {@link AdminEndpoint} controllers they live only in the management (port 7080) context, so the partner API port
 * never serves the console.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Controller
public @interface ConsolePage {

	/** Every console URL starts with this. */
	String PATH = "/console";

}
