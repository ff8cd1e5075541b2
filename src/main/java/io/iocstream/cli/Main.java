package io.iocstream.cli;
public class Main { public static void main(String[] a) {} }
