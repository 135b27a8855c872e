package org.byoc.archfixture.routing;

import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ResponseEntity;

/**
 * An edge adapter, which may use servlet types and take request bytes, but must not answer with maps
 * (ModuleBoundariesTest).
 */
public class FixtureRoutingController {

	public String handle(HttpServletRequest request) {
		return request.getRequestURI();
	}

	public int accept(byte[] body) {
		return body.length;
	}

	public Map<String, Object> answerWithMap() {
		return Map.of("success", true);
	}

	public ResponseEntity<List<Map<String, Object>>> answerWithWrappedMaps() {
		return ResponseEntity.ok(List.of());
	}

	public ResponseEntity<Answer> answerWithRecord() {
		return ResponseEntity.ok(new Answer(true));
	}

	public record Answer(boolean success) {
	}

}
