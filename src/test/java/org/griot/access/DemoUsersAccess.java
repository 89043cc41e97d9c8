package org.griot.access;

/** Lets tests of other packages log in as the demo users. */
public final class DemoUsersAccess {

    public static final String PASSWORD = DemoUsers.PASSWORD;

    private DemoUsersAccess() {
    }
}
