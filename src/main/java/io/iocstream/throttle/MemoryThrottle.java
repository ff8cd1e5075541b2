package io.iocstream.throttle;

import org.apache.flink.streaming.api.operators.AbstractStreamOperatorFactory;
import org.apache.flink.streaming.api.operators.ChainingStrategy;
import org.apache.flink.streaming.api.operators.OneInputStreamOperatorFactory;
import org.apache.flink.streaming.api.operators.StreamOperator;
import org.apache.flink.streaming.api.operators.StreamOperatorParameters;

/** Makes {@link MemoryThrottleOperator}s with the task's mailbox executor: {@code stream.transform(...)}. */
public class MemoryThrottle<T> extends AbstractStreamOperatorFactory<T> implements OneInputStreamOperatorFactory<T, T> {

    private final ThrottleSettings settings;

    public MemoryThrottle(ThrottleSettings settings) {
        this.settings = settings;
        // chain with its neighbours like any map: a throttle must not add a network hop of its own
        setChainingStrategy(ChainingStrategy.ALWAYS);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <O extends StreamOperator<T>> O createStreamOperator(StreamOperatorParameters<T> parameters) {
        return (O) new MemoryThrottleOperator<>(parameters, settings, parameters.getMailboxExecutor());
    }

    @Override
    public Class<? extends StreamOperator> getStreamOperatorClass(ClassLoader classLoader) {
        return MemoryThrottleOperator.class;
    }
}
