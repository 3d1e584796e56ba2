"use client";
import QRCode from "qrcode";
import { useEffect, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

type Props = { url: string; code: string; name: string; onClose: () => void };

/** The link's QR code as SVG, to look at and to download for print. */
export function QrDialog({ url, code, name, onClose }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [svg, setSvg] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    dialog.current?.showModal();
    let cancelled = false;
    QRCode.toString(url, { type: "svg", errorCorrectionLevel: "M", margin: 2 })
      .then((text) => !cancelled && setSvg(text))
      .catch(() => !cancelled && setFailed(true));
    return () => {
      cancelled = true;
    };
  }, [url]);

  const href = svg ? `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}` : undefined;
  return (
    <dialog
      ref={dialog}
      onClose={onClose}
      aria-labelledby="qr-title"
      className="m-auto w-80 rounded-lg border border-slate-200 p-5 shadow-lg backdrop:bg-slate-900/40"
    >
      <h2 id="qr-title" className="text-sm font-semibold text-slate-900">
        QR code — {name}
      </h2>
      <p className="mt-1 break-all text-xs text-slate-500">{url}</p>
      <div className="my-4 flex aspect-square items-center justify-center rounded border border-slate-100 bg-white">
        {failed ? (
          <Alert>Could not draw the QR code. Close this and try again.</Alert>
        ) : href ? (
          // eslint-disable-next-line @next/next/no-img-element -- a generated data: URL, nothing to optimise
          <img src={href} alt={`QR code for ${url}`} className="size-full" />
        ) : (
          <div className="size-full animate-pulse bg-slate-100" aria-label="Drawing the QR code" />
        )}
      </div>
      <div className="flex justify-between gap-2">
        {href ? (
          <a
            href={href}
            download={`link-${code}.svg`}
            className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
          >
            Download SVG
          </a>
        ) : (
          <span />
        )}
        <Button type="button" variant="ghost" onClick={() => dialog.current?.close()}>
          Close
        </Button>
      </div>
    </dialog>
  );
}
