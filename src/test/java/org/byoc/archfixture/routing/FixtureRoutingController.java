package org.byoc.archfixture.routing;

import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;

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

	@GetMapping("/map")
	public Map<String, Object> answerWithMap() {
		return Map.of("success", true);
	}

	@PostMapping("/maps")
	public ResponseEntity<List<Map<String, Object>>> answerWithWrappedMaps() {
		return ResponseEntity.ok(List.of());
	}

	@GetMapping("/record")
	public ResponseEntity<Answer> answerWithRecord() {
		return ResponseEntity.ok(new Answer(helper().isEmpty()));
	}

	private Map<String, Object> helper() {
		return Map.of();
	}

	@GetMapping("/record-too")
	public ResponseEntity<Answer> answerWithRecordToo() {
		return ResponseEntity.ok(new Answer(true));
	}

	public record Answer(boolean success) {
	}

}
