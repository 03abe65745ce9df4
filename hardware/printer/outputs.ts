import type { BadgeRenderer } from './chromium-renderer';
import type { IppBadgePrinter } from './ipp-printer';
import { MEDIA } from './media';
import type { BadgeOutput } from './print-queue';

/** IPP output: render the badge to a PDF of the medium's size, then Print-Job it. */
export function ippOutput(renderer: BadgeRenderer, printer: IppBadgePrinter): BadgeOutput {
  return {
    async print(badge, medium, jobName) {
      const pdf = await renderer.render(badge, medium);
      return printer.printPdf(pdf, jobName, { media: MEDIA[medium].pwgMedia });
    },
  };
}
