package com.example.leads;

import org.apache.camel.main.Main;

/** Runs the routes of src/main/resources/routes with the settings of application.properties, until Ctrl+C. */
public final class LeadsApp {

    private LeadsApp() {
    }

    public static void main(String[] args) throws Exception {
        Main main = new Main(LeadsApp.class);
        main.run(args);
    }
}
