/** Node contracts, canonical workflow graphs, validation and presets: the registry's published model. */
package com.hartomat.workflow.model;
