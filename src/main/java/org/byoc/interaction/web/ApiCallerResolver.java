package org.byoc.interaction.web;

import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

import org.byoc.interaction.contract.ApiCaller;
import org.byoc.interaction.contract.ErrorCode;

/**
 * Lets a controller method declare an {@link ApiCaller} parameter. Without a caller on the request (a handler
 * reached without the API security) it refuses with 10004 rather than run unauthenticated.
 */
final class ApiCallerResolver implements HandlerMethodArgumentResolver {

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return ApiCaller.class.equals(parameter.getParameterType());
	}

	@Override
	public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
			NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
		Object caller = webRequest.getAttribute(ApiCaller.REQUEST_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
		if (caller instanceof ApiCaller apiCaller) {
			return apiCaller;
		}
		throw ErrorCode.AUTH_TOKEN_INVALID.exception();
	}

}
