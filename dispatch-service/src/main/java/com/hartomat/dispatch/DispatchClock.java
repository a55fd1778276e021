package com.hartomat.dispatch;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The service's clock, one bean, so that decisions about time (lost jobs, back-off) take {@code now} from it. */
public class DispatchClock {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
