// Seed 002, the wsgiref.simple_server docs: demo_app prints "Hello world!"
// and every key of the environ it received. Send any request and read it.
import { demo_app } from "wsgi";

export default demo_app;
