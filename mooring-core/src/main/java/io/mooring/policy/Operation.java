package io.mooring.policy;

/** The admission operation a request stands for. */
public enum Operation { CREATE, UPDATE, DELETE, CONNECT }
