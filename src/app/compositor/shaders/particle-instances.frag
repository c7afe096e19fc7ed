// particle-instances.frag: one of Particle's balls, carrying its piece of the new image
// (premultiplied RGBA out, blended over the first pass). Lit from the top left with a
// specular highlight while in flight; flat when they settle at the end.
// The version line is prepended at run time (GL 3.3 core or GLES 3.0).

in vec2 local;
in vec2 place;
in vec2 reach_uv;
in float settle;
out vec4 colour;

uniform sampler2D to_image;
uniform vec4 to_window;

void
main ()
{
  float r = length (local);
  float alpha = clamp ((1.0 - r) / max (fwidth (r), 1e-4), 0.0, 1.0);

  if (alpha <= 0.0)
    discard;

  vec3 normal = vec3 (local.x, -local.y, sqrt (max (1.0 - r * r, 0.0)));
  vec3 light = normalize (vec3 (-0.45, 0.55, 0.7));
  float diffuse = max (dot (normal, light), 0.0);
  float specular = pow (max (reflect (-light, normal).z, 0.0), 24.0);
  vec2 at = clamp (place + local * reach_uv, 0.0, 1.0);
  vec3 image = texture (to_image, to_window.xy + at * to_window.zw).rgb;
  vec3 lit = image * (0.5 + 0.6 * diffuse) + vec3 (0.35 * specular);

  colour = vec4 (mix (lit, image, settle) * alpha, alpha);
}
