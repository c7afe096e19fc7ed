// crossfade.frag: the shared transition contract (ARCHITECTURE §7) and its simplest
// member, a linear mix. Textures hold premultiplied RGBA over opaque black.

in vec2 uv;
out vec4 colour;

uniform sampler2D from_image;
uniform sampler2D to_image;
uniform float progress;     // 0 shows only from_image, 1 only to_image
uniform bool has_from;      // false: fade in from black

void
main ()
{
  vec4 from = has_from ? texture (from_image, uv) : vec4 (0.0, 0.0, 0.0, 1.0);
  vec4 to = texture (to_image, uv);

  colour = vec4 (mix (from.rgb, to.rgb, progress), 1.0);
}
