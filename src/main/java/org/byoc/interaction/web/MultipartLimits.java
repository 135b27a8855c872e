package org.byoc.interaction.web;

import org.byoc.interaction.contract.ErrorCode;
import org.byoc.interaction.contract.InteractionApiException;

/**
 * Tells which of the container's multipart limits a request broke. Tomcat reports each as a size limit (and Spring
 * then as {@code MaxUploadSizeExceededException}), but only a file over the size limit is the contract's 10008;
 * too many parts ({@code server.tomcat.max-part-count}), a part's headers too long
 * ({@code server.tomcat.max-part-header-size}) or a {@code json} part sent as a form field larger than
 * {@code server.tomcat.max-http-form-post-size} are malformed requests: 10089. Tomcat's classes are recognised by
 * name, so this module does not depend on the container.
 */
final class MultipartLimits {

	private static final int MAX_DEPTH = 16;

	private MultipartLimits() {
	}

	static InteractionApiException refusal(Throwable failure) {
		Throwable current = failure;
		for (int depth = 0; current != null && depth < MAX_DEPTH; depth++) {
			String type = current.getClass().getSimpleName();
			String message = String.valueOf(current.getMessage());
			if (type.equals("FileCountLimitExceededException")) {
				return ErrorCode.INVALID_PARAMETERS.exception("The multipart body has more parts than the service "
						+ "accepts; send the json part and at most one file in the attachments part.");
			}
			if (message.startsWith("Header section has more than")) {
				return ErrorCode.INVALID_PARAMETERS
					.exception("A part of the multipart body has headers longer than the service accepts.");
			}
			if (message.contains("maxPostSize")) {
				return ErrorCode.INVALID_PARAMETERS
					.exception("The json part is larger than the service accepts; send it as a file part if needed.");
			}
			if (current.getCause() == current) {
				break;
			}
			current = current.getCause();
		}
		return ErrorCode.FILE_SIZE_EXCEEDS_LIMIT_ERROR.exception();
	}

}
