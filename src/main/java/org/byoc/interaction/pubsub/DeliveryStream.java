package org.byoc.interaction.pubsub;

import java.time.Instant;

import io.grpc.stub.StreamObserver;

/**
 * A subscribe stream's request side (Subscribe or ManagedSubscribe) over its {@link Delivery}: the client's end or
 * error closes the delivery; what each request means is the subclass's.
 *
 * @param <Q> the stream's request message
 * @param <R> the stream's response message
 */
abstract class DeliveryStream<Q, R> implements StreamObserver<Q> {

	protected final Delivery<R> delivery;

	DeliveryStream(Delivery<R> delivery, Instant expiresAt) {
		this.delivery = delivery;
		this.delivery.expireAt(expiresAt);
	}

	Delivery<R> delivery() {
		return this.delivery;
	}

	@Override
	public void onError(Throwable error) {
		this.delivery.close();
	}

	@Override
	public void onCompleted() {
		this.delivery.complete();
	}

}
