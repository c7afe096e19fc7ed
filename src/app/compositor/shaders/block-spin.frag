// block-spin.frag: one slab turns 180 degrees in perspective, the old image on its front
// and the new one on its back, with glassy sides and a specular highlight sweeping across.
// Left and right turn it about the vertical axis, up and down about the horizontal one.
// Each pixel casts a ray into the slab, a box in its own frame.

const float CAMERA = 3.5;    // distance of the eye from the screen, in half-heights
const float RECEDE = 1.2;    // how far the slab moves back at mid-turn
const float THICK = 0.08;    // half the slab's thickness

vec4
transition (vec2 p)
{
  bool vertical = direction == 3 || direction == 4;
  float sign = (direction == 2 || direction == 4) ? -1.0 : 1.0;
  float aspect = resolution.x / resolution.y;
  float theta = progress * 3.14159265 * sign;
  vec3 point = vec3 ((p.x * 2.0 - 1.0) * aspect, 1.0 - p.y * 2.0, 0.0);
  vec3 eye = vec3 (0.0, 0.0, CAMERA);
  vec3 centre = vec3 (0.0, 0.0, -RECEDE * sin (progress * 3.14159265) - THICK);
  vec3 across, up, normal;

  if (vertical)
    {
      across = vec3 (1.0, 0.0, 0.0);
      up = vec3 (0.0, cos (theta), sin (theta));
      normal = vec3 (0.0, -sin (theta), cos (theta));
    }
  else
    {
      across = vec3 (cos (theta), 0.0, -sin (theta));
      up = vec3 (0.0, 1.0, 0.0);
      normal = vec3 (sin (theta), 0.0, cos (theta));
    }

  // The ray in the slab's frame, and the box's half sizes.
  vec3 ray = point - eye;
  vec3 o = vec3 (dot (eye - centre, across), dot (eye - centre, up), dot (eye - centre, normal));
  vec3 d = vec3 (dot (ray, across), dot (ray, up), dot (ray, normal));
  vec3 half_size = vec3 (aspect, 1.0, THICK);
  vec3 inv = 1.0 / d;
  vec3 t0 = (-half_size - o) * inv, t1 = (half_size - o) * inv;
  vec3 near = min (t0, t1), far = max (t0, t1);
  float enter = max (max (near.x, near.y), near.z);
  float leave = min (min (far.x, far.y), far.z);

  if (enter > leave || leave < 0.0)
    return vec4 (0.0, 0.0, 0.0, 1.0);

  vec3 hit = o + d * enter;
  vec2 face = vec2 (hit.x / aspect, hit.y);
  float turn = abs (sin (theta));
  vec4 colour;

  if (enter == near.z)
    {
      // A large face: the front carries the old image, the back the new one.
      if (o.z > 0.0)
        colour = from_at (vec2 (face.x * 0.5 + 0.5, 0.5 - face.y * 0.5));
      else if (vertical)
        colour = to_at (vec2 (face.x * 0.5 + 0.5, 0.5 + face.y * 0.5));
      else
        colour = to_at (vec2 (0.5 - face.x * 0.5, 0.5 - face.y * 0.5));
      float rim = smoothstep (0.95, 1.0, max (abs (face.x), abs (face.y))) * 0.3 * turn;
      float band = (vertical ? face.y : face.x) - cos (theta) * 0.8;
      float specular = exp (-band * band * 18.0) * 0.3 * turn;
      return vec4 (min (colour.rgb + vec3 (rim + specular), vec3 (1.0)), 1.0);
    }

  // A side: glass, tinted by both images' edges, brightest toward its middle.
  vec2 edge = clamp (vec2 (face.x * 0.5 + 0.5, 0.5 - face.y * 0.5), 0.0, 1.0);
  vec3 glass = mix (from_at (edge).rgb, to_at (edge).rgb, 0.5) * 0.5 + vec3 (0.35, 0.4, 0.45);
  float shine = 1.0 - abs (hit.z) / THICK;
  return vec4 (min (glass + vec3 (0.25 * shine), vec3 (1.0)), 1.0);
}
