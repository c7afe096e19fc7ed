// quad.vert: one triangle strip covering the viewport; uv (0, 0) is the image's top left.
// The version line is prepended at run time (GL 3.3 core or GLES 3.0).

out vec2 uv;

void
main ()
{
  vec2 corner = vec2 (float (gl_VertexID & 1), float ((gl_VertexID >> 1) & 1));

  uv = vec2 (corner.x, 1.0 - corner.y);
  gl_Position = vec4 (corner * 2.0 - 1.0, 0.0, 1.0);
}
