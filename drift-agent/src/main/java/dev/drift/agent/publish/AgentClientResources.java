package dev.drift.agent.publish;

import io.lettuce.core.event.DefaultEventPublisherOptions;
import io.lettuce.core.event.EventBus;
import io.lettuce.core.event.EventPublisherOptions;
import io.lettuce.core.metrics.CommandLatencyRecorder;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.lettuce.core.resource.DnsResolver;
import io.lettuce.core.resource.EventLoopGroupProvider;
import io.lettuce.core.resource.NettyCustomizer;
import io.lettuce.core.resource.SocketAddressResolver;
import io.lettuce.core.tracing.Tracing;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.DefaultAddressResolverGroup;
import io.netty.util.Timer;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.netty.util.concurrent.Promise;
import java.util.concurrent.TimeUnit;

/**
 * Lettuce's resources sized for the agent's one connection. Lettuce's own
 * ({@code DefaultClientResources}) bring at least two I/O and two computation threads, a timer
 * thread that wakes ten times a second, an event bus on Reactor, command latency metrics and
 * Netty's DNS resolver with its caches: some 400 classes, and wakeups while idle, that the agent
 * does not use. Here one Netty event loop thread ({@value #THREAD}, started with the first
 * connection) does the I/O, lettuce's computation tasks and its timeouts, which are scheduled on
 * the loop, so nothing ticks while idle. Events go nowhere, latencies are not recorded, nothing is
 * traced, and host names are resolved by the JDK when connecting.
 *
 * <p>The client must be given these resources (they are shared, so it does not shut them down);
 * {@link #shutdown} stops the thread once the client is shut down.
 */
final class AgentClientResources implements ClientResources {
    static final String THREAD = "drift-redis";
    /** Bootstrap and channels as lettuce sets them up. */
    private static final NettyCustomizer AS_LETTUCE_SETS_UP = new NettyCustomizer() {
    };

    @SuppressWarnings("deprecation") // lettuce 6 asks for NioEventLoopGroup, Netty 4.2's NIO group
    private final NioEventLoopGroup loop = new NioEventLoopGroup(1,
            Thread.ofPlatform().name(THREAD).daemon().factory());
    private final Timer timer = new EventLoopTimer(loop.next());
    private final EventBus events = new SilentEventBus();
    private final EventLoopGroupProvider provider = new SingleLoopProvider();
    private final SocketAddressResolver addresses = SocketAddressResolver.create(DnsResolver.unresolved());

    @Override
    public Builder mutate() {
        throw new UnsupportedOperationException("the agent's Redis client resources are fixed");
    }

    @Override
    public Future<Boolean> shutdown() {
        return shutdown(0, 2, TimeUnit.SECONDS);
    }

    @Override
    public Future<Boolean> shutdown(long quietPeriod, long timeout, TimeUnit unit) {
        timer.stop();
        Promise<Boolean> stopped = ImmediateEventExecutor.INSTANCE.newPromise();
        loop.shutdownGracefully(quietPeriod, timeout, unit).addListener(done -> stopped.setSuccess(done.isSuccess()));
        return stopped;
    }

    @Override
    public AddressResolverGroup<?> addressResolverGroup() {
        return DefaultAddressResolverGroup.INSTANCE;
    }

    @Override
    public EventPublisherOptions commandLatencyPublisherOptions() {
        return DefaultEventPublisherOptions.disabled();
    }

    @Override
    public CommandLatencyRecorder commandLatencyRecorder() {
        return CommandLatencyRecorder.disabled();
    }

    @Override
    public int computationThreadPoolSize() {
        return 1;
    }

    @Override
    public DnsResolver dnsResolver() {
        return DnsResolver.unresolved();
    }

    @Override
    public EventBus eventBus() {
        return events;
    }

    @Override
    public EventLoopGroupProvider eventLoopGroupProvider() {
        return provider;
    }

    @Override
    public EventExecutorGroup eventExecutorGroup() {
        return loop;
    }

    @Override
    public int ioThreadPoolSize() {
        return 1;
    }

    @Override
    public NettyCustomizer nettyCustomizer() {
        return AS_LETTUCE_SETS_UP;
    }

    @Override
    public Delay reconnectDelay() {
        return Delay.exponential();
    }

    @Override
    public SocketAddressResolver socketAddressResolver() {
        return addresses;
    }

    @Override
    public Timer timer() {
        return timer;
    }

    @Override
    public Tracing tracing() {
        return Tracing.disabled();
    }

    /** Hands lettuce the one loop; it is released by {@link #shutdown}, not by the client. */
    private final class SingleLoopProvider implements EventLoopGroupProvider {
        @Override
        @SuppressWarnings("unchecked")
        public <T extends EventLoopGroup> T allocate(Class<T> type) {
            if (!type.isInstance(loop)) {
                throw new IllegalArgumentException("the agent's Redis client has no " + type.getName());
            }
            return (T) loop;
        }

        @Override
        public int threadPoolSize() {
            return 1;
        }

        @Override
        public Future<Boolean> release(EventExecutorGroup group, long quietPeriod, long timeout, TimeUnit unit) {
            return ImmediateEventExecutor.INSTANCE.newSucceededFuture(true);
        }

        @Override
        public Future<Boolean> shutdown(long quietPeriod, long timeout, TimeUnit unit) {
            return AgentClientResources.this.shutdown(quietPeriod, timeout, unit);
        }
    }
}
