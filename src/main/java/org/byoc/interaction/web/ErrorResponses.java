package org.byoc.interaction.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import org.byoc.interaction.contract.ErrorBody;
import org.byoc.interaction.contract.InteractionApiException;

/** Writes contract error bodies from places that run before Spring MVC, such as security filters. */
@Component
public class ErrorResponses {

	private final JsonMapper json;

	public ErrorResponses(JsonMapper json) {
		this.json = json;
	}

	public void write(HttpServletResponse response, InteractionApiException ex) throws IOException {
		response.setStatus(ex.errorCode().httpStatus());
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		this.json.writeValue(response.getOutputStream(), ErrorBody.of(ex));
	}

}
