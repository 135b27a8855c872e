package org.byoc.interaction.web;

/** The RequestId header and the log (MDC) key that carries it through every log line of a request. */
public final class RequestIds {

	public static final String HEADER = "RequestId";

	public static final String MDC_KEY = "requestId";

	public static final int MAX_LENGTH = 255;

	private RequestIds() {
	}

}
